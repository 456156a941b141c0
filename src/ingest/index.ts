export { graphStats } from './stats.js';
