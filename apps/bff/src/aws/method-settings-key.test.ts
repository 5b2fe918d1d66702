import {
  escapePointerSegment,
  methodSettingsKey,
  parseMethodSettingsKey,
  unescapePointerSegment,
} from '@gateway-console/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { methodSettingsPath } from './stage-patch.ts';

// Paths made mostly of the characters that need escaping, so the edge cases come up often.
const tricky = fc.string({ unit: fc.constantFrom('/', '~', '0', '1', 'a', '{', '}') });
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ANY', '*');

describe('method-settings keys and patch paths (JSON-pointer escaping)', () => {
  it('escaping round-trips any segment, and the escaped form has no `/`', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), tricky), (segment) => {
        const escaped = escapePointerSegment(segment);
        expect(escaped).not.toContain('/');
        expect(unescapePointerSegment(escaped)).toBe(segment);
      }),
    );
  });

  it('a key splits back into the resource path and method it was made of', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), tricky), method, (resourcePath, httpMethod) => {
        expect(parseMethodSettingsKey(methodSettingsKey(resourcePath, httpMethod))).toEqual({
          resourcePath,
          httpMethod,
        });
      }),
    );
  });

  it('the BFF’s patch path is `/` + the key AWS returns', () => {
    fc.assert(
      fc.property(tricky, method, (resourcePath, httpMethod) => {
        expect(methodSettingsPath(`${resourcePath}/${httpMethod}`)).toBe(
          `/${methodSettingsKey(resourcePath, httpMethod)}`,
        );
      }),
    );
  });

  it('writes AWS’s examples', () => {
    expect(methodSettingsKey('/pets/{petId}', 'GET')).toBe('~1pets~1{petId}/GET');
    expect(methodSettingsPath('/pets/{petId}/GET')).toBe('/~1pets~1{petId}/GET');
    expect(methodSettingsPath('*/*')).toBe('/*/*');
    expect(escapePointerSegment('a~b/c')).toBe('a~0b~1c');
    expect(unescapePointerSegment('~01')).toBe('~1');
  });
});
