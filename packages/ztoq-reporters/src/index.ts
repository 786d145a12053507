export { formatHttpStats } from './http-stats-table.js';
