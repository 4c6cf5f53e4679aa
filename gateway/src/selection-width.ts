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
 * it, and every named fragment it reaches (through its spreads and theirs), each once, as graphql-js
 * collects them. What each fragment holds and reaches is worked out once; a cycle ends the walk
 * (another rule refuses it).
 */
export function widestSelection(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  /** The fields of a set, its inline fragments' included, and the names it spreads. */
  const own = (set: SelectionSetNode, spreads: Set<string>): number => {
    let n = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) n++;
      else if (selection.kind === Kind.INLINE_FRAGMENT) n += own(selection.selectionSet, spreads);
      else spreads.add(selection.name.value);
    }
    return n;
  };
  const fragmentFields = new Map<string, { fields: number; spreads: Set<string> }>();
  const fieldsOf = (name: string) => {
    let known = fragmentFields.get(name);
    if (!known) {
      const spreads = new Set<string>();
      const fragment = fragments.get(name);
      known = { fields: fragment ? own(fragment.selectionSet, spreads) : 0, spreads };
      fragmentFields.set(name, known);
    }
    return known;
  };
  const reached = new Map<string, Set<string>>();
  const inProgress = new Set<string>();
  /** The fragment and every fragment it reaches. */
  const reach = (name: string): Set<string> => {
    const known = reached.get(name);
    if (known) return known;
    if (inProgress.has(name)) return new Set();
    inProgress.add(name);
    const all = new Set([name]);
    for (const spread of fieldsOf(name).spreads) for (const r of reach(spread)) all.add(r);
    inProgress.delete(name);
    reached.set(name, all);
    return all;
  };

  let widest = 0;
  visit(document, {
    SelectionSet(set) {
      const spreads = new Set<string>();
      let width = own(set, spreads);
      const all = new Set<string>();
      for (const spread of spreads) for (const r of reach(spread)) all.add(r);
      for (const name of all) width += fieldsOf(name).fields;
      widest = Math.max(widest, width);
    },
  });
  return widest;
}
