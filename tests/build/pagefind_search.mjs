// node pagefind_search.mjs SITE LANG QUERY: what a built site's own search engine
// (SITE/pagefind/pagefind.js, its WebAssembly and index) finds for QUERY on a page whose
// <html lang> is LANG, printed as JSON: [{"url": ..., "title": ...}, ...], best first.
// Pagefind chooses the index by the page's <html lang> and splits a Chinese query into words
// with Intl.Segmenter, as in a browser; the files are read from SITE instead of fetched.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

const [site, lang, query] = process.argv.slice(2);
const HOST = "http://site.invalid";
globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => lang }) };
globalThis.fetch = async (url) => new Response(await readFile(site + new URL(url).pathname));

const pagefind = await import(pathToFileURL(`${site}/pagefind/pagefind.js`).href);
await pagefind.options({ basePath: `${HOST}/pagefind/`, baseUrl: "/" });
const found = await pagefind.search(query);
const results = await Promise.all(found.results.map((result) => result.data()));
console.log(JSON.stringify(results.map((result) => ({ url: result.url, title: result.meta.title }))));
