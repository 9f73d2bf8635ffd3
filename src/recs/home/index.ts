export { HomeService, type HomeServiceDeps, type PageEncoding } from './service.js';
export { MAX_ROW_SIZE, FIRST_VISIBLE } from './arrange.js';
export type { Card } from './cards.js';
