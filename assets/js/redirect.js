/* An old address: go to the new one at once, keeping the query and the #fragment, which a meta refresh loses.
 * A classic script, not a module: it must run in <head>, before the meta refresh that follows it, and a
 * module has no document.currentScript to read the new address from. */
const target = document.currentScript && document.currentScript.dataset.target;
if (target) {
  location.replace(target + location.search + location.hash);
}
