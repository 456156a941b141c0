export { createCatalogLoaders, type CatalogLoaders } from './loaders.js';
export { catalogResolvers } from './resolvers.js';
export { CatalogService, type ProductFilter, type ProductUpsert } from './service.js';
export { toProduct, type Product, type ProductMap } from './types.js';
