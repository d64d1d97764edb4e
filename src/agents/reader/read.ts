import type { Context, ProductModelContract, SpecInput } from '../../contract/index.js';
import { expandModel } from '../product.js';
import { readIdeaModel } from './idea.js';
import type { ProductModel } from '../model.js';

/** Only the fields that describe the product, out of a tool input that carries others (earlier outputs, options). */
export function specOf(input: SpecInput): SpecInput {
  const { spec, product_name, description, target_segments, key_problems, success_metrics } = input;
  return { spec, product_name, description, target_segments, key_problems, success_metrics };
}

/** The agents' model of a product description: the analyst's reading, expanded (product.ts). */
export function readSpec(input: SpecInput & { context?: Context | undefined }): ProductModel {
  return expandModel(readIdea(input), input);
}

/** Reads a product description (free text and/or the structured fields) into the contract's product model. */
export function readIdea(input: SpecInput & { context?: Context | undefined }): ProductModelContract {
  return readIdeaModel(input);
}
