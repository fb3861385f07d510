/** The Indonesian wording of graphql-js / Apollo / graphql-armor request errors. */
import { indonesianRequestError } from '../../apps/gateway/src/errors/request-error-messages';

describe('indonesianRequestError', () => {
  it.each([
    ['Syntax Error: Expected Name, found <EOF>.', 'Kueri GraphQL tidak dapat dibaca (kesalahan sintaks).'],
    [
      'Syntax Error: Document contains more that 2000 tokens. Parsing aborted.',
      'Kueri terlalu panjang: paling banyak 2000 token.',
    ],
    ['Syntax Error: Query depth limit of 8 exceeded, found 9.', 'Kueri terlalu dalam: kedalaman paling banyak 8.'],
    ['Syntax Error: Aliases limit of 15 exceeded, found 20.', 'Terlalu banyak alias: paling banyak 15.'],
    ['Cannot query field "nope" on type "Query".', 'Kolom "nope" tidak ada pada tipe "Query".'],
    ['Variable "$id" of required type "ID!" was not provided.', 'Variabel $id wajib diisi.'],
    ['Can only perform a mutation operation from a POST request.', 'Mutasi hanya dapat dikirim dengan POST.'],
    ['Something graphql-js may say one day', 'Permintaan GraphQL tidak valid.'],
  ])('words "%s" in Indonesian', (english, indonesian) => {
    expect(indonesianRequestError(english)).toBe(indonesian);
  });

  it('echoes at most a short, printable excerpt of a name from the query', () => {
    const message = indonesianRequestError(`Cannot query field "${'x'.repeat(5_000)}\u001b[2J" on type "Query".`);
    expect(message.length).toBeLessThan(120);
    expect(message).not.toContain('\u001b');
  });
});
