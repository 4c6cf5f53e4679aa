import { html } from "htm/preact";
import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { idempotencyKey, type UserError } from "./api.js";

let formCount = 0;

/** What a submit returns: nothing (done), or the problems to show. */
type Outcome = UserError[] | null | undefined | void;

/**
 * A form's typed values, its problems by field, and whether it is being sent. A refused submit keeps
 * every value and puts each message beside its field; a successful one clears the form. While a
 * submit is in flight the form cannot be sent again.
 */
export interface Form<T extends Record<string, string>> {
  id: string;
  values: T;
  errors: Record<string, string>;
  busy: boolean;
  set(name: keyof T & string, value: string): void;
  setAll(values: T): void;
  submit(fn: (values: T) => Promise<Outcome>, options?: { keep?: boolean }): (e?: Event) => Promise<void>;
  fail(errors: Record<string, string>): void;
}

/** A userError's field path ends with the input's own name (e.g. ["title"], ["input", "presenterCode"]). */
function fieldOf(error: UserError): string {
  return error.field?.length ? error.field[error.field.length - 1]! : "_form";
}

export function useForm<T extends Record<string, string>>(initial: T): Form<T> {
  const id = useRef(`f${++formCount}`).current;
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const fail = (found: Record<string, string>) => {
    setErrors(found);
    // Take the keyboard to the first field at fault.
    setTimeout(() => {
      const first = Object.keys(found).find((k) => k !== "_form" && document.getElementById(`${id}-${k}`));
      const el = document.getElementById(first ? `${id}-${first}` : `${id}-_form`);
      (el as HTMLElement | null)?.focus();
    }, 0);
  };
  return {
    id,
    values,
    errors,
    busy,
    set: (name, value) => setValues((v) => ({ ...v, [name]: value })),
    setAll: (all) => setValues(all),
    fail,
    submit: (fn, options) => async (e) => {
      e?.preventDefault();
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(true);
      setErrors({});
      try {
        const problems = await fn(values);
        if (problems?.length) {
          const found: Record<string, string> = {};
          for (const p of problems) {
            const key = fieldOf(p);
            found[key] = found[key] ? `${found[key]} ${p.message}` : p.message;
          }
          fail(found);
        } else if (!options?.keep) {
          setValues(initial);
        }
      } catch (error) {
        fail({ _form: (error as Error).message || "送信できませんでした。もう一度お試しください。" });
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
  };
}

type FieldProps<T extends Record<string, string>> = {
  form: Form<T>;
  name: keyof T & string;
  label: string;
  type?: string;
  required?: boolean;
  hint?: string;
  list?: string;
  rows?: number;
  options?: { value: string; label: string }[];
  disabled?: boolean;
  autocomplete?: string;
  inputmode?: string;
};

/** A labelled control whose problem, if any, is announced with it (aria-describedby, aria-invalid). */
export function Field<T extends Record<string, string>>(props: FieldProps<T>) {
  const { form, name, label } = props;
  const id = `${form.id}-${name}`;
  const error = form.errors[name];
  const described = [props.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    value: form.values[name],
    required: props.required,
    disabled: props.disabled,
    "aria-invalid": error ? "true" : undefined,
    "aria-describedby": described,
    onInput: (e: Event) => form.set(name, (e.target as HTMLInputElement).value),
  };
  const control = props.options
    ? html`<select ...${common} onChange=${common.onInput}>${props.options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}</select>`
    : props.rows
      ? html`<textarea ...${common} rows=${props.rows}></textarea>`
      : html`<input ...${common} type=${props.type ?? "text"} list=${props.list} autocomplete=${props.autocomplete ?? "off"} inputmode=${props.inputmode} />`;
  return html`<div class=${`field${error ? " invalid" : ""}`}>
    <label for=${id}>${label}${props.required ? html`<span class="required">（必須）</span>` : ""}</label>
    ${control}
    ${props.hint && html`<p class="hint" id=${`${id}-hint`}>${props.hint}</p>`}
    ${error && html`<p class="field-error" id=${`${id}-error`}>${error}</p>`}
  </div>`;
}

/** The form-level problem (one without a field), and the submit button, disabled while sending. */
export function Submit<T extends Record<string, string>>({
  form,
  label,
  busyLabel,
  children,
}: {
  form: Form<T>;
  label: string;
  busyLabel?: string;
  children?: ComponentChildren;
}) {
  // A problem of no field shown in this form (or of none at all) is shown at the button.
  const error = Object.entries(form.errors)
    .filter(([k]) => k === "_form" || !(k in form.values))
    .map(([, m]) => m)
    .join(" ");
  return html`<div class="actions">
    <button class="primary" type="submit" disabled=${form.busy} aria-describedby=${error ? `${form.id}-_form` : undefined}>${form.busy ? (busyLabel ?? "送信中…") : label}</button>
    ${children}
    ${error && html`<p class="field-error" role="alert" id=${`${form.id}-_form`} tabindex="-1">${error}</p>`}
  </div>`;
}

/**
 * One idempotency key per attempt at the same contents: pressing again after an answer that never came
 * (a dropped connection, a timeout) sends the same key, and the graph applies the change once and
 * answers as it did the first time. New contents, or a success (`done`), begin a new attempt.
 */
export function useAttemptKey(): { keyFor(contents: unknown): string; done(): void } {
  const last = useRef<{ contents: string; key: string } | null>(null);
  return {
    keyFor(contents) {
      const text = JSON.stringify(contents);
      if (last.current?.contents !== text) last.current = { contents: text, key: idempotencyKey() };
      return last.current.key;
    },
    done() {
      last.current = null;
    },
  };
}
