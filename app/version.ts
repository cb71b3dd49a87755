/** Sapling's version, recorded in every result and model file. A test keeps it equal to package.json's. */
export const SAPLING_VERSION = '0.1.0';
