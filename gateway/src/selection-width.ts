import { Kind, visit, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";

/**
 * Most fields one selection set may hold, those of its inline fragments and of the named fragments it
 * spreads counted in. graphql-js compares the fields of a set pairwise (OverlappingFieldsCanBeMerged),
 * a spread fragment's with the set's and with the other fragments': 500 copies of `b { code }` fit in
 * 2,000 tokens and cost a quarter of a second of validation each time, and so do 90 of them beside
 * four fragments of 100. The widest set of the board's operations and the examples holds 14.
 */
export const MAX_FIELDS_PER_SELECTION = 100;

/**
 * The number of fields in the document's widest selection set: its inline fragments flattened into
 * it, and each named fragment it spreads (each name once, as graphql-js collects them) with the
 * fragments that one spreads. A fragment's width is worked out once; a cycle adds nothing (another
 * rule refuses it).
 */
export function widestSelection(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const fragmentWidths = new Map<string, number>();
  const inProgress = new Set<string>();

  const fragmentWidth = (name: string): number => {
    const known = fragmentWidths.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return 0;
    inProgress.add(name);
    const width = flatWidth(fragment.selectionSet);
    inProgress.delete(name);
    fragmentWidths.set(name, width);
    return width;
  };

  const flatWidth = (set: SelectionSetNode, spread = new Set<string>()): number => {
    let n = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) n++;
      else if (selection.kind === Kind.INLINE_FRAGMENT) n += flatWidth(selection.selectionSet, spread);
      else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        n += fragmentWidth(selection.name.value);
      }
    }
    return n;
  };

  let widest = 0;
  visit(document, { SelectionSet: (set) => void (widest = Math.max(widest, flatWidth(set))) });
  return widest;
}
