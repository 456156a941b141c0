import type { Interest } from '../profiles/index.js';

export interface Product {
  id: string;
  name: string;
  category: string | null;
  brand: string | null;
  price: number | null;
}

export interface ProductMap {
  id: string;
  name: string | null;
  category: string | null;
  brand: string | null;
  price: number | null;
}

export interface ProductInterest {
  interest: Interest;
  weight: number;
}

export function toProduct(map: ProductMap): Product {
  return { id: map.id, name: map.name ?? map.id, category: map.category, brand: map.brand, price: map.price };
}
