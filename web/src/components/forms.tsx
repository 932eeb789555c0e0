/** A text field of a submitted form (a file input would give a File; none of the page's forms has one). */
export function formField(form: FormData, name: string, fallback = ''): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : fallback;
}
