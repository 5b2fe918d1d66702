import fc from 'fast-check';

// Shapes that have broken real servers: injections, traversal, encodings, boundaries, prototype keys.
const nasty = [
  '',
  ' ',
  '..',
  '../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '..\\..\\windows\\win.ini',
  '%00',
  '\u0000',
  "' OR '1'='1",
  "'; DROP TABLE audit_events; --",
  '" OR ""="',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell-shaped payload, literally.
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '$(reboot)',
  '`id`',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x1F',
  'null',
  'undefined',
  'true',
  '\uFEFFprod',
  '\u202Eprod',
  'prod\r\nSet-Cookie: x=1',
  'pröd',
  '𝕡𝕣𝕠𝕕',
  '😀',
  '\uD800',
  'a'.repeat(129),
  'a'.repeat(4096),
  'http://169.254.169.254/latest/meta-data/',
  '//evil.example/x',
  '*',
  '*/*',
  '~1pets~1{petId}/GET',
];

/** Strings a hostile or broken client may send anywhere a string goes. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nasty) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...nasty), fc.string({ maxLength: 8 }))
      .map(([a, b]) => `${b}${a}${b}`),
  },
);

/** A string that is not a valid AWS id (`[A-Za-z0-9]{1,64}`): the BFF must refuse it before AWS. */
export const invalidId = hostileString.filter((s) => !/^[A-Za-z0-9]{1,64}$/.test(s));

/** A string that is not a valid stage name (`[A-Za-z0-9_-]{1,128}`). */
export const invalidStageName = hostileString.filter((s) => !/^[A-Za-z0-9_-]{1,128}$/.test(s));

/** Numbers at and beyond every boundary a field might have. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    -1,
    -0,
    0.5,
    100.0001,
    101,
    150,
    3601,
    4000,
    5001,
    10001,
    2 ** 31,
    2 ** 53 + 2,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any JSON value, biased to hostile strings and boundary numbers, with prototype-named keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** Bodies that are not JSON at all, or JSON that breaks naive parsers. */
export const malformedJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '{"a":',
    '[1,2',
    'nul',
    "{'a':1}",
    '{"a":1}{"b":2}',
    '{"a":1,}',
    '\u0000',
    '\uFEFF{}',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"role":"admin"}}}',
    '1e999999',
    '"\\ud800"',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    `{"a":${'1'.repeat(5000)}}`,
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  hostileJson.map((v) => `${JSON.stringify(v) ?? ''}garbage`),
);

/** Content types that are not `application/json`. */
export const wrongContentType: fc.Arbitrary<string> = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/html',
  'application/jsonp',
  'application/json-patch+json',
  'json',
  '',
  '*/*',
);
