import type { Architecture, NfrCategory, StackPreset } from '../../contract/index.js';
import type { ProductModel } from '../model.js';
import type { AccessMatrix } from './access.js';
import type { DataModel } from './data-model.js';
import type { ServerFunction } from './endpoints.js';
import type { MigrationFeatures } from './migration.js';
import type { Rpc } from './rpc.js';

/** Everything the architect decided, handed to the document writer in one piece. */
export interface Design {
  model: ProductModel;
  preset: StackPreset;
  data: DataModel;
  matrix: AccessMatrix;
  architecture: Architecture;
  rpcs: Rpc[];
  functions: ServerFunction[];
  features: MigrationFeatures;
  /** Non-functional needs: the spec's and the PM's requirements, by category. */
  needs: Array<{ category: NfrCategory; text: string }>;
  assumptions: string[];
  migration: string;
  /** The technical summary a model wrote (engines/prose.ts), in place of the document's own. */
  prose?: { technical_summary: string } | undefined;
}
