/**
 * The decimal-string pattern of `amount`, copied from the OpenAPI document.
 * In a module of its own (no zod import) so that formatting money does not
 * bundle the schemas.
 */
export const AMOUNT_PATTERN = /^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$/;
