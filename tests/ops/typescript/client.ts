// A small client the SPA team could write against the generated types. It must
// compile with `tsc --strict`: if the OpenAPI document stops describing the
// responses precisely (unions on `type`, nullable references), this fails.
import type { components, paths } from "./api";

type Schemas = components["schemas"];
export type PageDocument = Schemas["PageDocument"];
export type Problem = Schemas["Problem"];
type ByPath =
  paths["/api/content/v1/pages/by-path/"]["get"]["responses"][200]["content"]["application/json"];
type ListingQuery = NonNullable<
  paths["/api/content/v1/pages/"]["get"]["parameters"]["query"]
>;
// Every endpoint takes the language of its answer; the path carries its own.
type Locale = NonNullable<ListingQuery["locale"]>;

export async function pageByPath(base: string, path: string): Promise<ByPath> {
  const url = `${base}/api/content/v1/pages/by-path/?path=${encodeURIComponent(path)}`;
  const response = await fetch(url);
  if (!response.ok) {
    const problem = (await response.json()) as Problem;
    throw new Error(`${problem.status}: ${problem.detail}`);
  }
  return (await response.json()) as ByPath;
}

// Narrowing on the discriminator gives each page type its own fields.
export function bodyHeadings(page: PageDocument): string[] {
  if (page.type !== "cms.standardpage") {
    return [];
  }
  const headings: string[] = [];
  for (const block of page.fields.body) {
    // Unknown block types are skipped, as the contract asks of clients.
    if (block.type === "heading") {
      headings.push(block.value.text ?? "");
    }
  }
  return headings;
}

// A heading's level is a number (2-4) and its anchor always set, as the README says.
export function outline(page: PageDocument): { level: 2 | 3 | 4; anchor: string }[] {
  if (page.type !== "cms.standardpage") {
    return [];
  }
  return page.fields.body.flatMap((block) =>
    block.type === "heading"
      ? [{ level: block.value.level, anchor: block.value.anchor }]
      : [],
  );
}

export function heroImageUrl(page: PageDocument): string | null {
  if (page.type !== "cms.homepage") {
    return null;
  }
  const image = page.fields.hero_image;
  return image?.renditions.large_webp?.url ?? null;
}

export function cardTitles(list: Schemas["PageCardList"]): string[] {
  return list.results.map((card) => card.title);
}

export function listingUrl(base: string, locale: Locale): string {
  return `${base}/api/content/v1/pages/?locale=${encodeURIComponent(locale)}`;
}

// The language switcher: each language a page is public in, and where it is.
export function languageLinks(page: PageDocument): { locale: string; path: string }[] {
  return Object.entries(page.translations).map(([locale, version]) => ({
    locale,
    path: version.path,
  }));
}

export function otherLanguageIds(card: Schemas["PageCard"]): number[] {
  return Object.entries(card.translations)
    .filter(([locale]) => locale !== card.locale)
    .map(([, version]) => version.id);
}

export function faqLanguages(faqs: Schemas["FAQList"]): string[] {
  return faqs.results.flatMap((faq) => [faq.locale, ...Object.keys(faq.translations)]);
}

// Snippets a page refers to carry their translations too: the byline in another
// language, where each author has a public version in it.
export function authorIdsIn(page: PageDocument, locale: Locale): number[] {
  if (page.type !== "cms.articlepage") {
    return [];
  }
  return page.fields.authors.flatMap((author) => {
    const version = author.translations[locale];
    return version ? [version.id] : [];
  });
}
