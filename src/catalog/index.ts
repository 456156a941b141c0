export { createCatalogLoaders, type CatalogLoaders } from './loaders.js';
export { CatalogService } from './service.js';
export { toProduct, type Product, type ProductInterest, type ProductMap } from './types.js';
