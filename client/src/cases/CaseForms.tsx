import { routes } from '@shared/api/routes';
import { type Case, REMEDY_KINDS, type RemedyKind } from '@shared/domain/case';
import { DEPARTMENT_IDS, type DepartmentId } from '@shared/domain/department';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { useCaseAction } from './useCaseAction';

function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p className="state-error-inline" role="alert">
      {error}
    </p>
  ) : null;
}

/** 第十四条: accept, or refuse with written reasons. */
export function DecisionForm({ c, onDone }: { c: Case; onDone: () => void }) {
  const { t } = useTranslation();
  const [reasons, setReasons] = useState('');
  const { busy, error, run } = useCaseAction(onDone);
  const [missing, setMissing] = useState(false);
  return (
    <section className="sub case-form" data-testid="case-decision">
      <h3 className="sub-title">{t('cases.decisionTitle')}</h3>
      <label className="case-field">
        <span>{t('cases.reasons')}</span>
        <textarea
          value={reasons}
          onChange={(e) => setReasons(e.target.value)}
          rows={3}
          data-testid="case-reasons"
        />
      </label>
      {missing && <p className="state-error-inline">{t('cases.reasonsRequired')}</p>}
      <div className="case-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          data-testid="case-accept"
          onClick={() =>
            void run(() => call(routes.cases.decide, { params: { id: c.id }, body: { decision: 'accept' } }))
          }
        >
          {t('cases.accept')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          data-testid="case-refuse"
          onClick={() => {
            if (!reasons.trim()) {
              setMissing(true);
              return;
            }
            setMissing(false);
            void run(() =>
              call(routes.cases.decide, {
                params: { id: c.id },
                body: { decision: 'refuse', reasons: reasons.trim() },
              }),
            );
          }}
        >
          {t('cases.refuse')}
        </button>
      </div>
      <ErrorLine error={error} />
    </section>
  );
}

export function ReviewForm({ c, onDone }: { c: Case; onDone: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const { busy, error, run } = useCaseAction(onDone);
  return (
    <form
      className="sub case-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (note.trim())
          void run(() => call(routes.cases.review, { params: { id: c.id }, body: { note: note.trim() } }));
      }}
    >
      <h3 className="sub-title">{t('cases.reviewTitle')}</h3>
      <label className="case-field">
        <span>{t('cases.reviewNote')}</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} required />
      </label>
      <button type="submit" className="btn" disabled={busy}>
        {t('cases.recordReview')}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}

export function TaskForm({ c, onDone }: { c: Case; onDone: () => void }) {
  const { t } = useTranslation();
  const [departmentId, setDepartmentId] = useState<DepartmentId>('investigation');
  const [request, setRequest] = useState('');
  const { busy, error, run } = useCaseAction(onDone);
  return (
    <form
      className="case-inline-form"
      data-testid="case-task-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (!request.trim()) return;
        void run(() =>
          call(routes.cases.addTask, {
            params: { id: c.id },
            body: { departmentId, request: request.trim() },
          }),
        ).then((ok) => ok && setRequest(''));
      }}
    >
      <label className="case-field">
        <span>{t('cases.taskDepartment')}</span>
        <select
          value={departmentId}
          onChange={(e) => setDepartmentId(e.target.value as DepartmentId)}
          data-testid="case-task-department"
        >
          {DEPARTMENT_IDS.filter((d) => d !== 'rights_office').map((d) => (
            <option key={d} value={d}>
              {t(`department.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="case-field">
        <span>{t('cases.taskRequest')}</span>
        <input
          value={request}
          onChange={(e) => setRequest(e.target.value)}
          required
          data-testid="case-task-request"
        />
      </label>
      <button type="submit" className="btn" disabled={busy}>
        {t('cases.addTask')}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}

export function TaskResultForm({ c, taskId, onDone }: { c: Case; taskId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState('');
  const { busy, error, run } = useCaseAction(onDone);
  return (
    <form
      className="case-inline-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (result.trim())
          void run(() =>
            call(routes.cases.taskResult, { params: { id: c.id, taskId }, body: { result: result.trim() } }),
          );
      }}
    >
      <label className="case-field">
        <span>{t('cases.taskResult')}</span>
        <input
          value={result}
          onChange={(e) => setResult(e.target.value)}
          required
          data-testid="case-task-result"
        />
      </label>
      <button type="submit" className="btn" disabled={busy} data-testid="case-task-result-submit">
        {t('cases.recordResult')}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}

export function FeedbackForm({ c, onDone }: { c: Case; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const { busy, error, run } = useCaseAction(onDone);
  return (
    <form
      className="sub case-form"
      data-testid="case-feedback-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (text.trim())
          void run(() => call(routes.cases.feedback, { params: { id: c.id }, body: { text: text.trim() } }));
      }}
    >
      <h3 className="sub-title">{t('cases.feedbackTitle')}</h3>
      <label className="case-field">
        <span>{t('cases.feedbackText')}</span>
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={4}
          required
          data-testid="case-feedback-text"
        />
      </label>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="case-feedback-submit">
        {t('cases.giveFeedback')}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}

type Approver = { id: string; displayName: string; director: boolean };

function useApprovers(): Approver[] {
  const [list, setList] = useState<Approver[]>([]);
  useEffect(() => {
    call(routes.cases.approvers, {})
      .then((r) => setList(r.approvers))
      .catch(() => setList([]));
  }, []);
  return list;
}

function ApproverSelect({
  value,
  onChange,
  directorOnly,
}: {
  value: string;
  onChange: (v: string) => void;
  directorOnly?: boolean;
}) {
  const { t } = useTranslation();
  const approvers = useApprovers().filter((a) => !directorOnly || a.director);
  return (
    <label className="case-field">
      <span>{t('cases.approvedBy')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('cases.chooseApprover')}</option>
        {approvers.map((a) => (
          <option key={a.id} value={a.id}>
            {a.displayName}
            {a.director ? ` · ${t('cases.director')}` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

/** 第十六条: only with the director's decision; the server refuses a request without it. */
export function ExtensionForm({ c, onDone }: { c: Case; onDone: () => void }) {
  const { t } = useTranslation();
  const [until, setUntil] = useState('');
  const [reasons, setReasons] = useState('');
  const [approvedBy, setApprovedBy] = useState('');
  const { busy, error, run } = useCaseAction(onDone);
  return (
    <form
      className="sub case-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void run(() =>
          call(routes.cases.extend, {
            params: { id: c.id },
            body: { until, reasons: reasons.trim(), ...(approvedBy ? { approvedBy } : {}) },
          }),
        );
      }}
    >
      <h3 className="sub-title">{t('cases.extensionTitle')}</h3>
      <label className="case-field">
        <span>{t('cases.extendUntil')}</span>
        <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} required />
      </label>
      <label className="case-field">
        <span>{t('cases.extendReasons')}</span>
        <input value={reasons} onChange={(e) => setReasons(e.target.value)} required />
      </label>
      <ApproverSelect value={approvedBy} onChange={setApprovedBy} directorOnly />
      <button type="submit" className="btn" disabled={busy}>
        {t('cases.extend')}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}

export function EscalationForm({ c, onDone }: { c: Case; onDone: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const { busy, error, run } = useCaseAction(onDone);
  const send = (kind: 'reexamination' | 'referral_up') => {
    if (note.trim())
      void run(() =>
        call(routes.cases.escalate, { params: { id: c.id }, body: { kind, note: note.trim() } }),
      );
  };
  return (
    <section className="sub case-form">
      <h3 className="sub-title">{t('cases.escalateTitle')}</h3>
      <label className="case-field">
        <span>{t('cases.escalateNote')}</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="case-actions">
        {c.status === 'feedback_given' && (
          <button type="button" className="btn" disabled={busy} onClick={() => send('reexamination')}>
            {t('cases.reexamination')}
          </button>
        )}
        {c.status === 'accepted' && !c.referredUpAt && (
          <button type="button" className="btn" disabled={busy} onClick={() => send('referral_up')}>
            {t('cases.referralUp')}
          </button>
        )}
      </div>
      <ErrorLine error={error} />
    </section>
  );
}

/** Remedies whose form is one text field (or an amount); the others are recorded through the API. */
const TEXT_FIELD: Partial<Record<RemedyKind, string>> = {
  legal_counsel: 'counsel',
  green_channel: 'hospital',
  name_clearing: 'scope',
  press_statement: 'statement',
};

export function RemedyForm({ c, onDone }: { c: Case; onDone: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<RemedyKind>('legal_counsel');
  const [text, setText] = useState('');
  const [amount, setAmount] = useState('');
  const [finding, setFinding] = useState<'exempt' | 'mitigated' | 'liable'>('exempt');
  const [track, setTrack] = useState<
    'criminal_obstruction' | 'criminal_assault_police' | 'administrative' | 'none'
  >('criminal_obstruction');
  const [approvedBy, setApprovedBy] = useState('');
  const { busy, error, run } = useCaseAction(onDone);
  const body = () => {
    const base = { approvedBy };
    switch (kind) {
      case 'comfort_money':
        return { kind, amountYuan: Number(amount), ...base };
      case 'compensation':
        return { kind, amountYuan: Number(amount), recipient: text, ...base };
      case 'liability_finding':
      case 'liability_appeal':
        return { kind, finding, ...base };
      case 'offender_handling':
        return { kind, track, matchesViolence: true, ...base };
      case 'psychological_intervention':
        return { kind, forWhom: 'both' as const, ...base };
      case 'legal_counsel':
        return { kind, counsel: text, ...base };
      case 'green_channel':
        return { kind, hospital: text, ...base };
      case 'name_clearing':
        return { kind, scope: text, ...base };
      case 'press_statement':
        return { kind, statement: text, ...base };
    }
  };
  return (
    <form
      className="sub case-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void run(() => call(routes.cases.addRemedy, { params: { id: c.id }, body: body() }));
      }}
    >
      <h3 className="sub-title">{t('cases.remediesTitle')}</h3>
      <label className="case-field">
        <span>{t('cases.remedyKind')}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as RemedyKind)}>
          {REMEDY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`remedyKind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {(TEXT_FIELD[kind] || kind === 'compensation') && (
        <label className="case-field">
          <span>{t(`remedyKind.${kind}`)}</span>
          <input value={text} onChange={(e) => setText(e.target.value)} required />
        </label>
      )}
      {(kind === 'comfort_money' || kind === 'compensation') && (
        <label className="case-field">
          <span>{t('cases.amountYuan')}</span>
          <input type="number" min="1" value={amount} onChange={(e) => setAmount(e.target.value)} required />
        </label>
      )}
      {(kind === 'liability_finding' || kind === 'liability_appeal') && (
        <label className="case-field">
          <span>{t('cases.finding')}</span>
          <select value={finding} onChange={(e) => setFinding(e.target.value as typeof finding)}>
            <option value="exempt">{t('cases.findingExempt')}</option>
            <option value="mitigated">{t('cases.findingMitigated')}</option>
            <option value="liable">{t('cases.findingLiable')}</option>
          </select>
        </label>
      )}
      {kind === 'offender_handling' && (
        <label className="case-field">
          <span>{t('cases.offender')}</span>
          <select value={track} onChange={(e) => setTrack(e.target.value as typeof track)}>
            <option value="criminal_obstruction">{t('cases.trackObstruction')}</option>
            <option value="criminal_assault_police">{t('cases.trackAssault')}</option>
            <option value="administrative">{t('cases.trackAdministrative')}</option>
            <option value="none">{t('cases.trackNone')}</option>
          </select>
        </label>
      )}
      <ApproverSelect value={approvedBy} onChange={setApprovedBy} />
      <button type="submit" className="btn" disabled={busy || !approvedBy}>
        {t('cases.recordRemedy')}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
