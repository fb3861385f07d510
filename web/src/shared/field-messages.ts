/**
 * The browser explains a required or malformed field in its own interface language ("Please fill
 * out this field." on an English one); the pages speak Indonesian whatever the browser's language.
 * Installed once per page: the message is chosen when a field is found invalid and cleared as soon
 * as its value changes, so the browser checks it afresh.
 */
type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function isField(target: EventTarget | null): target is Field {
  return (
    target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement
  );
}

function fieldMessage(field: Field): string {
  const { validity } = field;
  if (validity.valueMissing) {
    if (field instanceof HTMLSelectElement) return 'Pilih salah satu.';
    if (field instanceof HTMLInputElement && field.type === 'checkbox') return 'Centang kotak ini untuk melanjutkan.';
    return 'Kolom ini wajib diisi.';
  }
  if (validity.typeMismatch) {
    return field.type === 'email' ? 'Tulis alamat surel yang benar, mis. nama@contoh.id.' : 'Isinya belum sesuai.';
  }
  if (validity.tooLong && 'maxLength' in field) return `Paling banyak ${field.maxLength} karakter.`;
  if (validity.tooShort && 'minLength' in field) return `Paling sedikit ${field.minLength} karakter.`;
  if (validity.rangeUnderflow && field instanceof HTMLInputElement) return `Paling kecil ${field.min}.`;
  if (validity.rangeOverflow && field instanceof HTMLInputElement) return `Paling besar ${field.max}.`;
  if (validity.patternMismatch) return field.title || 'Formatnya belum sesuai.';
  return 'Isinya belum sesuai.';
}

export function installIndonesianFieldMessages(root: Document = document): void {
  root.addEventListener(
    'invalid',
    (event) => {
      if (!isField(event.target)) return;
      // The native checks decide whether it is invalid; only their wording is replaced.
      event.target.setCustomValidity('');
      if (!event.target.validity.valid) event.target.setCustomValidity(fieldMessage(event.target));
    },
    true,
  );
  const clear = (event: Event) => {
    if (isField(event.target)) event.target.setCustomValidity('');
  };
  root.addEventListener('input', clear, true);
  root.addEventListener('change', clear, true);
}
