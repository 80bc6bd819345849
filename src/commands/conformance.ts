export { run } from './check.js';
