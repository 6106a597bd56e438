// How a notebook or the REPL prints the model's classes: Node's util.inspect hook, one for all.

/** The symbol Node's util.inspect looks up on a value to print it its own way. */
const CUSTOM = Symbol.for("nodejs.util.inspect.custom");

/**
 * Makes util.inspect (a notebook's or the REPL's print) show a class's instances as `name { … }`,
 * the fields `shown` picks from each inspected with the caller's options (depth, colors).
 */
export function printAs<T>(type: { prototype: T }, name: string, shown: (value: T) => object): void {
  Object.defineProperty(type.prototype, CUSTOM, {
    value(this: T, _depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
      return `${name} ${inspect(shown(this), options)}`;
    },
    writable: true,
    configurable: true,
  });
}
