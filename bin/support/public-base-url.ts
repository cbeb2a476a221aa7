// `nashra serve --base-url`: checking the flag, and telling a placeholder config baseUrl (nashra.example, localhost) from a public one.
import { CliError } from './cli-error.ts';

/** Reserved names (RFC 2606, RFC 6761) and loopback hosts: a baseUrl on one of them is not a public address. */
const PLACEHOLDER_HOST =
  /^(localhost|.+\.localhost|example\.(com|net|org)|.+\.example(\.(com|net|org))?|.+\.(test|invalid)|127(\.\d+){3}|\[::1\])$/i;

/**
 * Checks a `--base-url` value: an absolute http(s) URL with no credentials, query or fragment; a path prefix
 * (`/news/`) is kept and given its trailing "/". Throws a `CliError` (exit 2) naming what is wrong.
 *
 * @example
 * parseBaseUrlOption('https://example.org/news') //=> 'https://example.org/news/'
 * parseBaseUrlOption('example.org/news') // throws 'the --base-url must be an absolute http:// or https:// URL, got "example.org/news"'
 */
export function parseBaseUrlOption(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(`the --base-url must be an absolute http:// or https:// URL, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`the --base-url must be an absolute http:// or https:// URL, got "${text}" (scheme ${url.protocol})`);
  }
  if (url.username || url.password) throw new CliError(`the --base-url must not carry a user name or password, got "${text}"`);
  if (url.search || url.hash || /[?#]/.test(text)) {
    throw new CliError(`the --base-url must not carry a query or fragment (it is a folder the feeds are under), got "${text}"`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * Whether a config's baseUrl is a stand-in rather than where the site is served: a loopback host or a reserved example
 * name (`https://nashra.example/`, `http://localhost:3000/`). `nashra serve` then uses its own listen address.
 *
 * @example
 * isPlaceholderBaseUrl('https://nashra.example/') //=> true
 * isPlaceholderBaseUrl('https://news.example.org/') //=> true
 * isPlaceholderBaseUrl('https://akhbar.sa/news/') //=> false
 */
export function isPlaceholderBaseUrl(baseUrl: string): boolean {
  return PLACEHOLDER_HOST.test(new URL(baseUrl).hostname);
}
