/**
 * The accessible UI kit: React Aria Components with Schakel's look. Screens use these, never raw
 * inputs, so that labels, errors, focus and right-to-left behave the same everywhere.
 */
import type { ReactNode } from 'react';
import {
  Button as AriaButton,
  type ButtonProps,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select as AriaSelect,
  SelectValue,
  Text,
  TextArea,
  TextField as AriaTextField,
  type TextFieldProps,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

export function Button({ variant = 'primary', className, ...props }: ButtonProps & { variant?: 'primary' | 'secondary' | 'quiet' | 'danger' }) {
  return <AriaButton {...props} className={`button button-${variant}${className ? ` ${className}` : ''}`} />;
}

export function TextField({
  label,
  description,
  errorMessage,
  multiline,
  type,
  placeholder,
  ...props
}: TextFieldProps & { label: string; description?: string; errorMessage?: string; multiline?: boolean; placeholder?: string }) {
  return (
    <AriaTextField {...props} type={type} isInvalid={!!errorMessage || props.isInvalid} className="field">
      <Label>
        {label}
        {props.isRequired && <span aria-hidden="true"> *</span>}
      </Label>
      {multiline ? <TextArea rows={4} placeholder={placeholder} /> : <Input placeholder={placeholder} />}
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
        <span aria-hidden="true" className="select-chevron">▾</span>
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
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
