import { routes } from '@shared/api/routes';
import { CASE_CHANNELS, type CaseChannel, RELATIONS, type Relation } from '@shared/domain/case';
import { INFRINGEMENT_CATEGORIES, type InfringementCategory } from '@shared/domain/category';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { useCaseAction } from './useCaseAction';

type Kind = 'officer' | 'relative' | 'unit';

/** 维权办 enters an application received in writing, on the intranet or the internet, or a lead. */
export function NewCaseForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<CaseChannel>('written');
  const [category, setCategory] = useState<InfringementCategory>('threat_harassment');
  const [summary, setSummary] = useState('');
  const [kind, setKind] = useState<Kind>('relative');
  const [name, setName] = useState('');
  const [relation, setRelation] = useState<Relation>('spouse');
  const [phone, setPhone] = useState('');
  const [officerName, setOfficerName] = useState('');
  const [receivedAt, setReceivedAt] = useState('');
  const { busy, error, run } = useCaseAction(() => {});
  const applicant =
    kind === 'relative'
      ? { kind, name, relation, ...(phone ? { phone } : {}) }
      : kind === 'unit'
        ? { kind, unitName: name, ...(phone ? { phone } : {}) }
        : { kind, ...(name ? { name } : {}), ...(phone ? { phone } : {}) };
  return (
    <form
      className="sub case-form"
      data-testid="case-new-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        let id = '';
        void run(async () => {
          const c = await call(routes.cases.create, {
            body: {
              channel,
              category,
              summary,
              applicant,
              ...(officerName ? { officers: [{ name: officerName, auxiliary: false, offDuty: false }] } : {}),
              // datetime-local is the officer's wall clock; the browser knows its offset
              ...(receivedAt ? { receivedAt: new Date(receivedAt).toISOString() } : {}),
            },
          });
          id = c.id;
        }).then((ok) => ok && onCreated(id));
      }}
    >
      <h3 className="sub-title">{t('cases.newCase')}</h3>
      <label className="case-field">
        <span>{t('cases.channel')}</span>
        <select value={channel} onChange={(e) => setChannel(e.target.value as CaseChannel)}>
          {CASE_CHANNELS.filter((c) => c !== 'mobile_app').map((c) => (
            <option key={c} value={c}>
              {t(`caseChannel.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="case-field">
        <span>{t('cases.category')}</span>
        <select value={category} onChange={(e) => setCategory(e.target.value as InfringementCategory)}>
          {INFRINGEMENT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="case-field">
        <span>{t('cases.applicantKind')}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {(['officer', 'relative', 'unit'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`applicantKind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="case-field">
        <span>{kind === 'unit' ? t('cases.unitName') : t('cases.applicantName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required={kind !== 'officer'} />
      </label>
      {kind === 'relative' && (
        <label className="case-field">
          <span>{t('cases.relation')}</span>
          <select value={relation} onChange={(e) => setRelation(e.target.value as Relation)}>
            {RELATIONS.map((r) => (
              <option key={r} value={r}>
                {t(`caseRelation.${r}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="case-field">
        <span>{t('cases.phone')}</span>
        <input value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" />
      </label>
      <label className="case-field">
        <span>{t('cases.officerName')}</span>
        <input value={officerName} onChange={(e) => setOfficerName(e.target.value)} />
      </label>
      <label className="case-field">
        <span>{t('cases.receivedAt')}</span>
        <input type="datetime-local" value={receivedAt} onChange={(e) => setReceivedAt(e.target.value)} />
      </label>
      <label className="case-field">
        <span>{t('cases.summary')}</span>
        <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} required />
      </label>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('cases.save')}
      </button>
      {error && (
        <p className="state-error-inline" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
