/**
 * Indonesian messages for the errors graphql-js, graphql-armor and Apollo raise before any resolver
 * runs (syntax, unknown fields, variable coercion, query limits, CSRF). Names taken from the query
 * are echoed only as a short excerpt, so a hostile query cannot make the answer large.
 */
import { inputExcerpt as excerpt } from './gateway.errors';

/** Query limits (graphql-armor and Apollo): the limit is kept, the found value is not. */
const LIMIT_RULES: [RegExp, (limit: string) => string][] = [
  // graphql-js 16 words it "more that N tokens".
  [/more tha[nt] (\d+) tokens/i, (limit) => `Kueri terlalu panjang: paling banyak ${limit} token.`],
  [/token limit of (\d+)/i, (limit) => `Kueri terlalu panjang: paling banyak ${limit} token.`],
  [/depth limit of (\d+)/i, (limit) => `Kueri terlalu dalam: kedalaman paling banyak ${limit}.`],
  [/cost limit of (\d+)/i, (limit) => `Kueri terlalu mahal: biaya paling banyak ${limit}.`],
  [/aliases limit of (\d+)/i, (limit) => `Terlalu banyak alias: paling banyak ${limit}.`],
  [/directives limit of (\d+)/i, (limit) => `Terlalu banyak direktif: paling banyak ${limit}.`],
];

/** Known graphql-js/Apollo messages; first match wins. */
const MESSAGE_RULES: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^Syntax Error/i, () => 'Kueri GraphQL tidak dapat dibaca (kesalahan sintaks).'],
  [
    /^Cannot query field "([^"]*)" on type "([^"]*)"/,
    (m) => `Kolom "${excerpt(m[1])}" tidak ada pada tipe "${excerpt(m[2])}".`,
  ],
  [/^Unknown argument "([^"]*)"/, (m) => `Argumen "${excerpt(m[1])}" tidak dikenal.`],
  [/^Unknown type "([^"]*)"/, (m) => `Tipe "${excerpt(m[1])}" tidak dikenal.`],
  [/^Variable "\$([^"]*)" of required type "[^"]*" was not provided/, (m) => `Variabel $${excerpt(m[1])} wajib diisi.`],
  [/^Variable "\$([^"]*)" of non-null type "[^"]*" must not be null/, (m) => `Variabel $${excerpt(m[1])} wajib diisi.`],
  [
    /^Variable "\$([^"]*)" got invalid value .*?; Field "([^"]*)" of required type "[^"]*" was not provided/s,
    (m) => `Variabel $${excerpt(m[1])}: kolom "${excerpt(m[2])}" wajib diisi.`,
  ],
  [
    /^Variable "\$([^"]*)" got invalid value .*?; Field "([^"]*)" is not defined by type/s,
    (m) => `Variabel $${excerpt(m[1])}: kolom "${excerpt(m[2])}" tidak dikenal.`,
  ],
  [
    /^Variable "\$([^"]*)" got invalid value .*? at "([^"]*)"/s,
    (m) => `Variabel $${excerpt(m[1])}: nilai "${excerpt(m[2])}" tidak valid.`,
  ],
  [/^Variable "\$([^"]*)" got invalid value/, (m) => `Nilai variabel $${excerpt(m[1])} tidak valid.`],
  [/^Variable "\$([^"]*)" is never used/, (m) => `Variabel $${excerpt(m[1])} tidak dipakai.`],
  [/^Variable "\$([^"]*)" is not defined/, (m) => `Variabel $${excerpt(m[1])} tidak didefinisikan.`],
  [
    /^Field "([^"]*)" argument "([^"]*)" of type "[^"]*" is required/,
    (m) => `Argumen "${excerpt(m[2])}" pada kolom "${excerpt(m[1])}" wajib diisi.`,
  ],
  [/^Field "([^"]*)" of required type "[^"]*" was not provided/, (m) => `Kolom "${excerpt(m[1])}" wajib diisi.`],
  [/^Field "([^"]*)" is not defined by type/, (m) => `Kolom "${excerpt(m[1])}" tidak dikenal.`],
  [
    /^Field "([^"]*)" of type "[^"]*" must have a selection of subfields/,
    (m) => `Kolom "${excerpt(m[1])}" memerlukan pilihan subkolom.`,
  ],
  [/must not have a selection since type/, () => 'Kolom skalar tidak boleh memiliki pilihan subkolom.'],
  [/^(String|Int|Float|Boolean|ID|Enum "[^"]*") cannot represent/, () => 'Nilai tidak sesuai dengan tipenya.'],
  [/^Expected value of type "([^"]*)"/, (m) => `Nilai harus bertipe ${excerpt(m[1])}.`],
  [/^There can be only one operation named/, () => 'Nama operasi harus unik.'],
  [/^This anonymous operation must be the only defined operation/, () => 'Operasi tanpa nama harus satu-satunya.'],
  [/^Unknown operation named "([^"]*)"/, (m) => `Operasi "${excerpt(m[1])}" tidak ditemukan.`],
  [/^Must provide operation name/, () => 'Sebutkan nama operasi (operationName).'],
  [/^Unknown fragment "([^"]*)"/, (m) => `Fragmen "${excerpt(m[1])}" tidak dikenal.`],
  [/^Unknown directive "([^"]*)"/, (m) => `Direktif "${excerpt(m[1])}" tidak dikenal.`],
  [
    /Cross-Site Request Forgery|CSRF/i,
    () => 'Permintaan diblokir sebagai kemungkinan CSRF: kirim dengan content-type application/json.',
  ],
  [/^GraphQL operations must contain a non-empty `query`/, () => 'Permintaan harus memuat kueri GraphQL.'],
  [/^POST body/i, () => 'Isi permintaan tidak valid.'],
  [/mutation operation from a POST request/i, () => 'Mutasi hanya dapat dikirim dengan POST.'],
  [/^Did you mean/i, () => 'Permintaan GraphQL tidak valid.'],
];

/** The Indonesian wording of a request-phase error; a generic one when the message is not known. */
export function indonesianRequestError(message: string): string {
  for (const [pattern, wording] of LIMIT_RULES) {
    const match = message.match(pattern);
    if (match) return wording(match[1] ?? '');
  }
  for (const [pattern, wording] of MESSAGE_RULES) {
    const match = message.match(pattern);
    if (match) return wording(match);
  }
  return 'Permintaan GraphQL tidak valid.';
}
