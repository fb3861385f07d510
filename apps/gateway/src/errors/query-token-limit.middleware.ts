import { GraphQLError, parse } from 'graphql';
import { indonesianRequestError } from './request-error-messages';

interface GraphQLHttpRequest {
  path: string;
  body?: unknown;
  query?: Record<string, unknown>;
}
interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

function querySource(req: GraphQLHttpRequest): string | undefined {
  const fromBody = (req.body as { query?: unknown } | undefined)?.query;
  if (typeof fromBody === 'string') return fromBody;
  const fromUrl = req.query?.query;
  return typeof fromUrl === 'string' ? fromUrl : undefined;
}

/**
 * The query token limit (and syntax check), before Apollo: a refused query answers 400 with
 * BAD_USER_INPUT. graphql-armor's token plugin throws from an Apollo hook, which Apollo masks as an
 * HTTP 500 "Internal server error".
 */
export function queryTokenLimit(maxTokens: number) {
  return (req: GraphQLHttpRequest, res: JsonResponse, next: () => void): void => {
    const source = req.path === '/graphql' ? querySource(req) : undefined;
    if (source === undefined) return next();
    try {
      parse(source, { maxTokens });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      res.status(400).json({
        errors: [
          {
            message: indonesianRequestError(error.message),
            extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' },
          },
        ],
      });
      return;
    }
    next();
  };
}
