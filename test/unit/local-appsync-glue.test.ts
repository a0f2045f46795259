import type { IncomingMessage } from 'node:http';
import { rejectionReason, translateRealtimeAuth } from '../../local/appsync/realtime-auth';
import { addSetAssignments, enclose } from '../../local/appsync/versioned-dynamodb-loader';
import { applyVtlFixes } from '../../local/appsync/vtl-fixes';
import { widenedTimestamp } from '../../local/appsync/timestamp-scalar';

const userPoolId = 'ap-northeast-1_testpool';

function token(claims: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256' })}.${encode(claims)}.signature`;
}

const validClaims = {
  iss: `https://cognito-idp.ap-northeast-1.amazonaws.com/${userPoolId}`,
  exp: Math.floor(Date.now() / 1000) + 600,
};

describe('VTL fixes', () => {
  test('or property becomes get("or")', () => {
    const fixed = applyVtlFixes('#foreach( $filterItem in $ctx.stash.authFilter.or )');

    expect(fixed).toBe('#foreach( $filterItem in $ctx.stash.authFilter.get("or") )');
  });

  test('and property becomes get("and")', () => {
    expect(applyVtlFixes('$util.toJson($filter.and)')).toBe('$util.toJson($filter.get("and"))');
  });

  test('or inside a string literal key stays', () => {
    const template = '#set( $f = { "or": [$a] } )';

    expect(applyVtlFixes(template)).toBe(template);
  });

  test('subscription filter line is removed', () => {
    const template = [
      '#if( !$util.isNullOrEmpty($ctx.args.filter) )',
      '$extensions.setSubscriptionFilter($util.transform.toSubscriptionFilter($ctx.args.filter))',
      '#end',
      '$util.toJson(null)',
    ].join('\n');

    const fixed = applyVtlFixes(template);

    expect(fixed).not.toContain('$extensions');
    expect(fixed).toBe('#if( !$util.isNullOrEmpty($ctx.args.filter) )\n#end\n$util.toJson(null)');
  });

  test('conflict error falls back to error data', () => {
    const fixed = applyVtlFixes('$util.error($ctx.error.message, $ctx.error.type, $ctx.result)');

    expect(fixed).toBe(
      '$util.error($ctx.error.message, $ctx.error.type, $util.defaultIfNull($ctx.result, $ctx.error.data))',
    );
  });
});

describe('update expression helpers', () => {
  test('assignments join the SET clause', () => {
    expect(addSetAssignments('SET #a = :a REMOVE #b', '#v = :v')).toBe('SET #v = :v, #a = :a REMOVE #b');
  });

  test('SET clause is added before REMOVE', () => {
    expect(addSetAssignments('REMOVE #b', '#v = :v')).toBe('SET #v = :v REMOVE #b');
  });

  test.each([
    ['#a = :a', '(#a = :a)'],
    ['(#a = :a)', '(#a = :a)'],
    ['(#a = :a) AND (#b = :b)', '((#a = :a) AND (#b = :b))'],
  ])('enclose(%s)', (expression, expected) => {
    expect(enclose(expression)).toBe(expected);
  });
});

describe('AWSTimestamp widening', () => {
  test('millisecond timestamps pass', () => {
    expect(widenedTimestamp.serialize(1_796_414_744_885)).toBe(1_796_414_744_885);
    expect(widenedTimestamp.parseValue(1_796_414_744_885)).toBe(1_796_414_744_885);
  });

  test('non-integers are rejected', () => {
    expect(() => widenedTimestamp.parseValue(1.5)).toThrow('safe integer');
    expect(() => widenedTimestamp.parseValue('yesterday')).toThrow('safe integer');
  });
});

describe('local AppSync token checks', () => {
  test('pool token passes', () => {
    expect(rejectionReason(token(validClaims), userPoolId)).toBeUndefined();
  });

  test('other pool is rejected', () => {
    const claims = { ...validClaims, iss: 'https://cognito-idp.ap-northeast-1.amazonaws.com/other' };

    expect(rejectionReason(token(claims), userPoolId)).toMatch(/not user pool/);
  });

  test('http issuer is rejected', () => {
    const claims = { ...validClaims, iss: `http://localhost:9229/${userPoolId}` };

    expect(rejectionReason(token(claims), userPoolId)).toMatch(/not user pool/);
  });

  test('expired token is rejected', () => {
    const claims = { ...validClaims, exp: 1_000 };

    expect(rejectionReason(token(claims), userPoolId)).toBe('token expired');
  });

  test('missing header is rejected', () => {
    expect(rejectionReason(undefined, userPoolId)).toBe('missing Authorization header');
  });
});

describe('realtime subprotocol translation', () => {
  function upgradeRequest(protocols: string): IncomingMessage {
    return { url: '/graphql/realtime', headers: { 'sec-websocket-protocol': protocols } } as IncomingMessage;
  }

  test('header subprotocol becomes the header query', () => {
    const headers = { Authorization: token(validClaims), host: '127.0.0.1:20002' };
    const encoded = Buffer.from(JSON.stringify(headers)).toString('base64url');
    const request = upgradeRequest(`graphql-ws, header-${encoded}`);

    expect(translateRealtimeAuth(request, userPoolId)).toBe(true);

    const query = new URL(request.url!, 'https://localhost').searchParams;
    expect(JSON.parse(Buffer.from(query.get('header')!, 'base64').toString())).toEqual(headers);
    expect(query.get('payload')).toBe('e30=');
  });

  test('foreign token leaves the request unchanged', () => {
    const headers = { Authorization: token({ ...validClaims, iss: 'https://cognito-idp.x/other' }) };
    const encoded = Buffer.from(JSON.stringify(headers)).toString('base64url');
    const request = upgradeRequest(`graphql-ws, header-${encoded}`);

    expect(translateRealtimeAuth(request, userPoolId)).toBe(false);
    expect(request.url).toBe('/graphql/realtime');
  });

  test('no header subprotocol is left alone', () => {
    const request = upgradeRequest('graphql-ws');

    expect(translateRealtimeAuth(request, userPoolId)).toBe(false);
    expect(request.url).toBe('/graphql/realtime');
  });
});
