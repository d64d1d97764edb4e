export * from './errors.js';
export * from './tools.js';
export * from './progress.js';
export * from './product-model.js';
