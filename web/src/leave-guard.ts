/**
 * Keeps unsaved work from being lost by a click on a link or a reload: a page with unsaved
 * changes sets a guard; leaving asks first.
 */
let hasUnsavedWork: (() => boolean) | null = null;

const onBeforeUnload = (event: BeforeUnloadEvent): void => {
  if (hasUnsavedWork?.()) event.preventDefault();
};

export function guardUnsavedWork(check: () => boolean): () => void {
  hasUnsavedWork = check;
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    if (hasUnsavedWork === check) hasUnsavedWork = null;
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}

/** True when there is nothing unsaved, or the user agrees to drop it. */
export function mayLeave(): boolean {
  return !hasUnsavedWork?.() || window.confirm('You have unsaved changes. Leave this page and lose them?');
}
