export { IDENTITY_INPUT_TYPES, normaliseEmail, toIdentity, type IdentityInput } from './identity.js';
export { identityPolicy, type IdentityPolicy } from './policy.js';
export { IdentitiesService } from './service.js';
export { createIdentityLoaders } from './loaders.js';
