export * from './config-file.js';
export * from './load-config.js';
export * from './mapping-file-loader.js';
export * from './project-key.js';
export * from './projects-file.js';
export * from './require-config.js';
export * from './settings.js';
