/** Injection tokens of the gateway's external dependencies (given by `createGateway`). */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');
export const SOP_REGISTRY = Symbol('SOP_REGISTRY');
export const PUB_SUB = Symbol('PUB_SUB');
export const GATEWAY_SECRETS = Symbol('GATEWAY_SECRETS');
export const CHANGE_POLL_INTERVAL = Symbol('CHANGE_POLL_INTERVAL');
