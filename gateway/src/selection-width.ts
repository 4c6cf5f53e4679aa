import { Kind, type DocumentNode, type SelectionSetNode } from "graphql";

/**
 * Most fields one selection set may hold, those of its inline fragments counted in. graphql-js
 * compares the fields of a set pairwise (OverlappingFieldsCanBeMerged): 500 copies of `b { code }`
 * fit in 2,000 tokens and cost a quarter of a second of validation each time. The widest set of the
 * board's operations and the examples holds 14.
 */
export const MAX_FIELDS_PER_SELECTION = 100;

/** The number of fields in the document's widest selection set, inline fragments flattened into theirs. */
export function widestSelection(document: DocumentNode): number {
  let widest = 0;
  const fieldsIn = (set: SelectionSetNode): number => {
    let n = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        n++;
        if (selection.selectionSet) visit(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) n += fieldsIn(selection.selectionSet);
    }
    return n;
  };
  const visit = (set: SelectionSetNode): void => {
    const n = fieldsIn(set); // first: the sets nested in it raise `widest` while they are counted
    widest = Math.max(widest, n);
  };
  for (const definition of document.definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition.selectionSet);
  return widest;
}
