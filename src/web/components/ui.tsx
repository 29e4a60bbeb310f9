/**
 * The accessible UI kit: React Aria Components with Schakel's look. Screens use these, never raw
 * inputs, so that labels, errors, focus and right-to-left behave the same everywhere.
 */
import { type ReactNode, useEffect, useState } from 'react';
import {
  Button as AriaButton,
  Checkbox as AriaCheckbox,
  CheckboxGroup as AriaCheckboxGroup,
  SearchField as AriaSearchField,
  Select as AriaSelect,
  TextField as AriaTextField,
  type ButtonProps,
  Dialog,
  FieldError,
  Heading,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Modal,
  ModalOverlay,
  Popover,
  SelectValue,
  Text,
  TextArea,
  type TextFieldProps,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';

/**
 * While `isPending`, the button keeps its focus and look but ignores presses (a form is not sent
 * twice). React Aria's own pending announcement is not used: it leaves a live-region node that
 * points at the button's label, which is gone once the page changes (axe: role-img-alt).
 */
export function Button({
  variant = 'primary',
  className,
  isPending,
  onPress,
  type,
  ...props
}: ButtonProps & { variant?: 'primary' | 'secondary' | 'quiet' | 'danger' }) {
  return (
    <AriaButton
      {...props}
      type={isPending ? 'button' : type}
      onPress={isPending ? undefined : onPress}
      aria-disabled={isPending || undefined}
      data-pending={isPending || undefined}
      className={`button button-${variant}${className ? ` ${className}` : ''}`}
    />
  );
}

export function TextField({
  label,
  description,
  errorMessage,
  multiline,
  type,
  placeholder,
  inputDir,
  autoCapitalize,
  ...props
}: TextFieldProps & {
  autoCapitalize?: 'off' | 'none' | 'on' | 'sentences' | 'words' | 'characters';
  label: string;
  description?: string;
  errorMessage?: string;
  multiline?: boolean;
  placeholder?: string;
  /** 'ltr' for e-mail addresses, phone numbers and codes, which read left to right in Arabic too. */
  inputDir?: 'ltr' | 'rtl' | 'auto';
}) {
  return (
    <AriaTextField {...props} type={type} isInvalid={!!errorMessage || props.isInvalid} className="field">
      <Label>
        {label}
        {props.isRequired && <span aria-hidden="true"> *</span>}
      </Label>
      {multiline ? (
        <TextArea rows={4} placeholder={placeholder} dir={inputDir} />
      ) : (
        <Input placeholder={placeholder} dir={inputDir} autoCapitalize={autoCapitalize} />
      )}
      {description && <Text slot="description">{description}</Text>}
      <FieldError>{errorMessage}</FieldError>
    </AriaTextField>
  );
}

export interface Option {
  id: string;
  label: string;
}

export function Select({
  label,
  options,
  value,
  onChange,
  errorMessage,
  isRequired,
  name,
}: {
  label: string;
  options: Option[];
  value: string | null;
  onChange: (id: string) => void;
  errorMessage?: string;
  isRequired?: boolean;
  name?: string;
}) {
  return (
    <AriaSelect
      className="field"
      name={name}
      selectedKey={value}
      onSelectionChange={(k) => onChange(String(k))}
      isInvalid={!!errorMessage}
      isRequired={isRequired}
    >
      <Label>{label}</Label>
      <AriaButton className="select-button">
        <SelectValue />
        <span aria-hidden="true" className="select-chevron">
          ▾
        </span>
      </AriaButton>
      <FieldError>{errorMessage}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(o) => (
            <ListBoxItem id={o.id} className="listbox-item">
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaSelect>
  );
}

/** A user-facing message for any error: the API's code translated, never a stack trace. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown) => {
    const code = error instanceof ApiError ? error.code : 'internal';
    return t(`errors.${code}`, { defaultValue: t('errors.generic') });
  };
}

export function ErrorAlert({ error }: { error: unknown }) {
  const message = useErrorMessage();
  if (!error) return null;
  return (
    <div role="alert" className="alert alert-error">
      {message(error)}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="alert alert-success">
      {children}
    </div>
  );
}

export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

/**
 * The browser tab's title for this page ("Mensen · Schakel"), so screen-reader users hear where
 * they landed. <DefaultTitle> in the App sets the generic one first; a page's own title wins.
 */
export function useDocumentTitle(title: string | undefined) {
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: set again on every new page, after <DefaultTitle> has run
  useEffect(() => {
    if (title) document.title = `${title} · Schakel`;
  }, [title, pathname]);
}

export function DefaultTitle() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the generic title comes back on every new page
  useEffect(() => {
    document.title = `Schakel · ${t('app.tagline')}`;
  }, [t, pathname]);
  return null;
}

/** Says "loading" to screen readers and shows a quiet line; use while a query is pending. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="muted loading">
      {t('common.loading')}
    </p>
  );
}

/** A search box: type to search, Escape or the × button clears it. */
export function SearchField({
  label,
  value,
  onChange,
  description,
  autoFocus,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  description?: string;
  autoFocus?: boolean;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  return (
    <AriaSearchField className="field search" value={value} onChange={onChange} autoFocus={autoFocus}>
      <Label>{label}</Label>
      <div className="search-input">
        <svg aria-hidden="true" className="search-icon" viewBox="0 0 24 24" width="20" height="20">
          <circle cx="10.5" cy="10.5" r="6.5" />
          <line x1="15.5" y1="15.5" x2="21" y2="21" />
        </svg>
        <Input placeholder={placeholder} />
        {value && (
          <AriaButton className="search-clear" aria-label={t('common.clearSearch')}>
            ×
          </AriaButton>
        )}
      </div>
      {description && <Text slot="description">{description}</Text>}
    </AriaSearchField>
  );
}

/** A password with a button that shows or hides what was typed. */
export function PasswordField({
  label,
  description,
  errorMessage,
  ...props
}: Omit<TextFieldProps, 'type'> & { label: string; description?: string; errorMessage?: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <AriaTextField {...props} type={shown ? 'text' : 'password'} isInvalid={!!errorMessage || props.isInvalid} className="field">
      <Label>
        {label}
        {props.isRequired && <span aria-hidden="true"> *</span>}
      </Label>
      <div className="input-with-button">
        <Input spellCheck={false} autoCapitalize="off" />
        <AriaButton className="button button-quiet reveal" aria-label={t('common.showPassword')} aria-pressed={shown} onPress={() => setShown((s) => !s)}>
          {t('common.show')}
        </AriaButton>
      </div>
      {description && <Text slot="description">{description}</Text>}
      <FieldError>{errorMessage}</FieldError>
    </AriaTextField>
  );
}

export function CheckboxGroup({
  label,
  description,
  errorMessage,
  value,
  onChange,
  options,
  name,
}: {
  label: string;
  description?: string;
  errorMessage?: string;
  value: string[];
  onChange: (value: string[]) => void;
  options: (Option & { lang?: string })[];
  name?: string;
}) {
  return (
    <AriaCheckboxGroup className="field checkbox-group" value={value} onChange={onChange} isInvalid={!!errorMessage} name={name}>
      <Label className="group-label">{label}</Label>
      {description && <Text slot="description">{description}</Text>}
      <div className="checkbox-grid">
        {options.map((o) => (
          <AriaCheckbox key={o.id} value={o.id} className="checkbox">
            <span className="checkbox-box" aria-hidden="true">
              <svg viewBox="0 0 18 18" aria-hidden="true">
                <polyline points="3.5 9.5 7.5 13 14.5 5" />
              </svg>
            </span>
            <span>{o.label}</span>
          </AriaCheckbox>
        ))}
      </div>
      <FieldError>{errorMessage}</FieldError>
    </AriaCheckboxGroup>
  );
}

/** A modal dialog with a title, closed with Escape, a click outside or the close button. */
export function DialogModal({
  isOpen,
  onOpenChange,
  title,
  children,
  className,
}: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable>
      <Modal className={`modal${className ? ` ${className}` : ''}`}>
        <Dialog className="dialog">
          <div className="dialog-header">
            <Heading slot="title" level={2}>
              {title}
            </Heading>
            <AriaButton slot="close" className="button button-quiet dialog-close no-print" aria-label={t('common.close')}>
              ×
            </AriaButton>
          </div>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** "1–25 of 60" with previous and next; announces the range when it changes. */
export function Pagination({
  offset,
  limit,
  total,
  onChange,
  label,
}: {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  label: string;
}) {
  const { t, i18n } = useTranslation();
  if (total <= 0) return null;
  const nf = new Intl.NumberFormat(i18n.language);
  const from = Math.min(offset + 1, total);
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label={label}>
      <p className="pagination-range">{t('common.range', { from: nf.format(from), to: nf.format(to), total: nf.format(total) })}</p>
      {total > limit && (
        <div className="pagination-buttons">
          <Button variant="secondary" isDisabled={offset <= 0} onPress={() => onChange(Math.max(0, offset - limit))}>
            <span aria-hidden="true" className="flip">
              ←
            </span>{' '}
            {t('common.previous')}
          </Button>
          <Button variant="secondary" isDisabled={to >= total} onPress={() => onChange(offset + limit)}>
            {t('common.next')}{' '}
            <span aria-hidden="true" className="flip">
              →
            </span>
          </Button>
        </div>
      )}
    </nav>
  );
}

/**
 * A notice handed over in the navigation state ({ notice: 'saved' }): shown once, then taken out
 * of the browser history so that a reload or Back does not say it again.
 */
export function useOneTimeNotice<T extends string>(): T | undefined {
  const location = useLocation();
  const navigate = useNavigate();
  const fromState = (location.state as { notice?: T } | null)?.notice;
  const [notice] = useState(fromState);
  useEffect(() => {
    if (fromState) navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [fromState, navigate, location.pathname, location.search]);
  return notice;
}
