import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = (addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin }).default ?? addFormatsPlugin;

/**
 * A draft-07 validator that knows the standard formats; unknown keywords are errors. (Only
 * `strictRequired` is off: it flags `then: {required: [...]}` of a conditional, which is legal.)
 */
export function newAjv(options: { strict?: boolean } = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: options.strict ?? true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}
