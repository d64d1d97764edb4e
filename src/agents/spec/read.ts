import type { Context, SpecInput } from '../../contract/index.js';
import type { ProductModel } from './model.js';

/** Reads a product description (free text and/or the structured fields) into a ProductModel. */
export function readSpec(input: SpecInput & { context?: Context }): ProductModel {
  void input;
  throw new Error('the spec reader is under construction');
}
