export * from './zephyr/offset-page.js';
