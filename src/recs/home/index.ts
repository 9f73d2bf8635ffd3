export { HomeService, type HomeServiceDeps } from './service.js';
export { MAX_ROW_SIZE, FIRST_VISIBLE } from './arrange.js';
export type { Card } from './cards.js';
