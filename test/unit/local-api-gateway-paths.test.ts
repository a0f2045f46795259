import { MalformedPathError, matchRoutePath } from '../../local/api-gateway/http-api-routes';

describe('matchRoutePath', () => {
  test('decodes a well-formed parameter', () => {
    expect(matchRoutePath('/register/{entryId}', '/register/entry%2D1')).toEqual({ entryId: 'entry-1' });
  });

  test('a broken percent-encoding is a malformed path, which the gateway answers with 400', () => {
    expect(() => matchRoutePath('/register/{entryId}', '/register/%E0%A4%A')).toThrow(MalformedPathError);
    expect(() => matchRoutePath('/files/{key+}', '/files/a/%E0%A4%A')).toThrow(MalformedPathError);
  });
});
