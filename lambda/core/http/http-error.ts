// Errors that know their HTTP shape, rendered once at the edge as RFC 9457 problem+json. Pure: no node:http, no AWS.
import { bytesResponse } from './raw-response-body.ts';

/** One field-level problem inside a problem document (`errors[]`). */
export interface ProblemFieldError {
  /** JSON path of the offending value, e.g. "$[3].published" or "$". */
  path: string;
  field: string;
  code: string;
  message: string;
  /** File name, when the body came from a named file. */
  name?: string;
}

/** The JSON body of an `application/problem+json` response (RFC 9457), with nashra's extension members. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * Base class of every error that maps to an HTTP status. Throw it anywhere below the app; `createApp`
 * turns it into a problem+json response. Anything that is not an `HttpError` becomes a 500 with a
 * correlation id and no stack trace.
 *
 * @example
 * throw new HttpError(409, 'Conflict', { detail: 'article changed meanwhile' })
 * //=> 409 application/problem+json {"type":"about:blank","title":"Conflict","status":409,...}
 */
export class HttpError extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly detail: string | undefined;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(
    status: number,
    title: string,
    options: {
      detail?: string;
      type?: string;
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(options.detail ?? title, { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.title = title;
    this.type = options.type ?? 'about:blank';
    this.detail = options.detail;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  /** The problem document this error renders as. */
  toProblem(): ProblemDocument {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...this.extensions,
    };
  }
}

/** 400: the body could not be read as the declared format (e.g. malformed JSON). */
export class BadRequestError extends HttpError {
  constructor(detail: string, errors?: ProblemFieldError[]) {
    super(400, 'Bad Request', {
      detail,
      type: 'urn:nashra:problem:malformed-body',
      extensions: errors ? { errors } : {},
    });
    this.name = 'BadRequestError';
  }
}

/** 401: missing or wrong bearer token. Carries `WWW-Authenticate`. */
export class UnauthorizedError extends HttpError {
  constructor(detail: string, realm = 'nashra') {
    super(401, 'Unauthorized', {
      detail,
      headers: { 'www-authenticate': `Bearer realm="${realm}"` },
    });
    this.name = 'UnauthorizedError';
  }
}

/** 404: nothing lives at this path. */
export class NotFoundError extends HttpError {
  constructor(path: string) {
    super(404, 'Not Found', { detail: `No resource at ${path}` });
    this.name = 'NotFoundError';
  }
}

/** 410: a document was published at this path and has since been removed (a feed whose last article went, a renamed topic). */
export class GoneError extends HttpError {
  constructor(path: string) {
    super(410, 'Gone', { detail: `${path} was published here and has been removed; unsubscribe or look for it on the index` });
    this.name = 'GoneError';
  }
}

/** 405: the path exists, the method does not. Carries `Allow`. */
export class MethodNotAllowedError extends HttpError {
  constructor(method: string, allow: readonly string[]) {
    super(405, 'Method Not Allowed', {
      detail: `${method} is not allowed here; use ${allow.join(' or ')}`,
      headers: { allow: allow.join(', ') },
    });
    this.name = 'MethodNotAllowedError';
  }
}

/** 503: a backing service (the bucket, the table) could not be read; the client may retry after `Retry-After`. */
export class ServiceUnavailableError extends HttpError {
  constructor(detail: string, retryAfterSeconds = 5, cause?: unknown) {
    super(503, 'Service Unavailable', { detail, headers: { 'retry-after': String(retryAfterSeconds) }, cause });
    this.name = 'ServiceUnavailableError';
  }
}

/** 413: the body is larger than the configured limit. */
export class PayloadTooLargeError extends HttpError {
  constructor(limit: number) {
    super(413, 'Content Too Large', {
      detail: `The request body exceeds the limit of ${limit} bytes`,
      extensions: { limit },
    });
    this.name = 'PayloadTooLargeError';
  }
}

/** 415: a body type the endpoint does not take. Carries `Accept-Post`. */
export class UnsupportedMediaTypeError extends HttpError {
  constructor(got: string, accepted: readonly string[]) {
    super(415, 'Unsupported Media Type', {
      detail: `Content-Type ${got ? `"${got}"` : '(none)'} is not accepted; send one of ${accepted.join(', ')}`,
      headers: { 'accept-post': accepted.join(', ') },
    });
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** 422: the body was readable but its articles did not validate. */
export class ValidationError extends HttpError {
  constructor(detail: string, errors: ProblemFieldError[], extensions: Record<string, unknown> = {}) {
    super(422, 'Unprocessable Content', {
      detail,
      type: 'urn:nashra:problem:invalid-article',
      extensions: { errors, ...extensions },
    });
    this.name = 'ValidationError';
  }
}

/**
 * Renders a problem document as a web Response (`application/problem+json`, `no-store`).
 *
 * @example
 * problemResponse(new NotFoundError('/x').toProblem()).status //=> 404
 */
export function problemResponse(problem: ProblemDocument, headers: Record<string, string> = {}): Response {
  const body = new TextEncoder().encode(JSON.stringify(problem));
  return bytesResponse(
    problem.status,
    { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', 'content-length': String(body.byteLength), ...headers },
    body,
  );
}
