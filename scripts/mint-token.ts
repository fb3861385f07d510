/**
 * Mints a local HS256 staff token for trying the gateway:
 *   npm run token -- --role camat --office PALARAN [--role sekcam] [--sub u-1] [--name "Budi"] [--ttl 8h]
 * Prints the token on stdout (use it as `Authorization: Bearer <token>`).
 */
import jwt from 'jsonwebtoken';
import { loadConfig } from '../libs/config/src/config';
import { ADMIN_ROLES, READ_ONLY_ROLES, ROLE_LABELS, STAFF_ROLES } from '../libs/domain/src/roles';

export interface TokenClaims {
  sub: string;
  name: string;
  roles: string[];
  office: string;
}

/** Signs staff claims with the configured HS256 secret (tests and the benchmark use it too). */
export function mintToken(claims: TokenClaims, secret: string, expiresIn: jwt.SignOptions['expiresIn'] = '8h'): string {
  return jwt.sign({ name: claims.name, roles: claims.roles, office: claims.office }, secret, {
    algorithm: 'HS256',
    subject: claims.sub,
    expiresIn,
  });
}

function parseArgs(argv: string[]): { roles: string[]; office?: string; sub?: string; name?: string; ttl?: string } {
  const result: { roles: string[]; office?: string; sub?: string; name?: string; ttl?: string } = { roles: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    switch (flag) {
      case '--role':
        result.roles.push(...value.split(','));
        break;
      case '--office':
        result.office = value;
        break;
      case '--sub':
        result.sub = value;
        break;
      case '--name':
        result.name = value;
        break;
      case '--ttl':
        result.ttl = value;
        break;
      default:
        throw new Error(`unknown flag ${flag}`);
    }
    i += 1;
  }
  return result;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const known = [...STAFF_ROLES, ...READ_ONLY_ROLES, ...ADMIN_ROLES] as string[];
  if (args.roles.length === 0 || !args.office) {
    console.error('usage: npm run token -- --role <role> --office <OFFICE|*> [--sub id] [--name "Nama"] [--ttl 8h]');
    console.error(`roles: ${known.join(', ')}`);
    process.exit(2);
  }
  const unknown = args.roles.filter((role) => !known.includes(role));
  if (unknown.length > 0) throw new Error(`unknown role(s): ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const secret = loadConfig().gateway.jwt.secret;
  if (!secret) throw new Error('JWT_SECRET is not set');
  const first = args.roles[0] as keyof typeof ROLE_LABELS;
  const token = mintToken(
    {
      sub: args.sub ?? `${first}-${args.office.toLowerCase()}`,
      name: args.name ?? `${ROLE_LABELS[first]} ${args.office}`,
      roles: args.roles,
      office: args.office,
    },
    secret,
    (args.ttl ?? '8h') as jwt.SignOptions['expiresIn'],
  );
  process.stdout.write(`${token}\n`);
}

if (require.main === module) main();
