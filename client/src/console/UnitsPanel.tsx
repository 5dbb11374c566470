import type { Unit, UnitStatus } from '@shared/domain/unit';
import { UNIT_STATUSES } from '@shared/domain/unit';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitStatusDot } from '../common/badges';
import { useNow } from '../common/clock';
import { useStore } from '../common/store';
import { formatAge } from '../format';
import type { ConsoleState } from './consoleState';
import { consoleStore } from './consoleStore';
import { positionStore } from './positions';
import { selectDistressUnitIds, selectUnitsInDistress, sortAndFilterUnits } from './selectors';
import { selectUnit, setFollow, setUnitFilter, type UiState, uiStore } from './uiStore';

/** Rows have a fixed height so thousands of units can be windowed: only visible rows are in the DOM. */
const ROW_HEIGHT = 40;
const OVERSCAN = 8;

const selectUnits = (s: ConsoleState) => s.units;
const selectLoaded = (s: ConsoleState) => s.loaded;
const selectFilter = (s: UiState) => s.unitFilter;
const selectSelectedUnit = (s: UiState) => s.selectedUnitId;
const selectFollow = (s: UiState) => s.followUnitId;
const selectSearchFocus = (s: UiState) => s.unitSearchFocusRequest;

const UnitRow = memo(function UnitRow({
  unit,
  top,
  selected,
  distress,
  heardAgo,
}: {
  unit: Unit;
  top: number;
  selected: boolean;
  distress: boolean;
  heardAgo: string | null;
}) {
  const { t } = useTranslation();
  return (
    <li
      className={`unit-row ${selected ? 'is-selected' : ''} ${distress ? 'is-distress' : ''}`}
      style={{ top, height: ROW_HEIGHT }}
      data-testid="unit-row"
      data-unit-id={unit.id}
      data-status={unit.status}
    >
      <button
        type="button"
        className="unit-btn"
        aria-pressed={selected}
        onClick={() => selectUnit(selected ? null : unit.id)}
      >
        <UnitStatusDot status={unit.status} />
        <span className="callsign">{unit.callSign}</span>
        {distress && <span className="visually-hidden">{t('units.distress')}</span>}
        <span className="unit-kind">{t(`unitKind.${unit.kind}`)}</span>
        <span className={`unit-status ustatus-text-${unit.status}`}>{t(`unitStatus.${unit.status}`)}</span>
        <span className="unit-heard mono">
          {heardAgo === null ? (
            <span className="muted">{t('units.never')}</span>
          ) : (
            <>
              <span className="visually-hidden">{t('units.lastHeard', { age: heardAgo })}</span>
              <span aria-hidden="true">{heardAgo}</span>
            </>
          )}
        </span>
      </button>
    </li>
  );
});

export function UnitsPanel() {
  const { t } = useTranslation();
  const units = useStore(consoleStore, selectUnits);
  const loaded = useStore(consoleStore, selectLoaded);
  const pinned = useStore(consoleStore, selectDistressUnitIds);
  const inDistress = useStore(consoleStore, selectUnitsInDistress);
  const filter = useStore(uiStore, selectFilter);
  const selectedId = useStore(uiStore, selectSelectedUnit);
  const followId = useStore(uiStore, selectFollow);
  const searchFocus = useStore(uiStore, selectSearchFocus);
  const now = useNow();

  const shown = useMemo(() => sortAndFilterUnits(units, pinned, filter), [units, pinned, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(400);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewHeight(el.clientHeight));
    observer.observe(el);
    setViewHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (searchFocus > 0) searchRef.current?.focus();
  }, [searchFocus]);

  // Bring a unit picked on the map into view in the list.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !selectedId) return;
    const index = shown.findIndex((u) => u.id === selectedId);
    if (index < 0) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, top - el.clientHeight / 2);
    }
  }, [selectedId, shown]);

  const frame = useRef(0);
  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setScrollTop(scrollRef.current?.scrollTop ?? 0);
    });
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scrollTop + viewHeight) / ROW_HEIGHT) + OVERSCAN);
  const visible = shown.slice(first, last);
  const selectedUnit = selectedId ? units.get(selectedId) : undefined;

  return (
    <>
      <div className="panel-head">
        <h2 id="units-title" className="panel-title">
          {t('units.title')}
        </h2>
        {loaded && (
          <p className="panel-counts" data-testid="units-count">
            {t('units.count', { shown: shown.length, total: units.size })}
          </p>
        )}
      </div>
      <div className="units-tools">
        <label className="visually-hidden" htmlFor="unit-search">
          {t('units.search')}
        </label>
        <input
          ref={searchRef}
          id="unit-search"
          type="search"
          className="input"
          placeholder={`${t('units.search')} ( / )`}
          value={filter.text}
          onChange={(e) => setUnitFilter({ text: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
          autoComplete="off"
          data-testid="unit-search"
        />
        <label className="visually-hidden" htmlFor="unit-status-filter">
          {t('units.statusFilter')}
        </label>
        <select
          id="unit-status-filter"
          className="input"
          value={filter.status}
          onChange={(e) => setUnitFilter({ status: e.target.value as UnitStatus | 'all' })}
          data-testid="unit-status-filter"
        >
          <option value="all">{t('units.allStatuses')}</option>
          {UNIT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`unitStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {selectedUnit && (
        <div className="unit-selected" data-testid="selected-unit">
          <span>{t('units.selectedUnit', { callSign: selectedUnit.callSign })}</span>
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={followId === selectedUnit.id}
            onClick={() => setFollow(followId === selectedUnit.id ? null : selectedUnit.id)}
            data-testid="follow-button"
          >
            {followId === selectedUnit.id ? t('units.unfollow') : t('units.follow')}
          </button>
        </div>
      )}
      {!loaded && <p className="state-msg state-loading">{t('units.loading')}</p>}
      {loaded && units.size === 0 && <p className="state-msg state-empty">{t('units.empty')}</p>}
      {loaded && units.size > 0 && shown.length === 0 && (
        <p className="state-msg state-empty">{t('units.noMatch')}</p>
      )}
      {shown.length > 0 && (
        <div className="unit-colhead" aria-hidden="true">
          <span />
          <span>{t('units.colCallSign')}</span>
          <span>{t('units.colKind')}</span>
          <span>{t('units.colStatus')}</span>
          <span>{t('units.colHeard')}</span>
        </div>
      )}
      <div className="unit-scroll" ref={scrollRef} onScroll={onScroll}>
        <ul
          className="unit-list"
          aria-label={t('units.listLabel')}
          style={{ height: shown.length * ROW_HEIGHT }}
        >
          {visible.map((unit, i) => {
            // Positions arrive outside React; reading them on the 1 s tick is enough for an age.
            const at = positionStore.get(unit.id)?.at ?? unit.position?.at;
            const heard = at ? now - Date.parse(at) : Number.NaN;
            return (
              <UnitRow
                key={unit.id}
                unit={unit}
                top={(first + i) * ROW_HEIGHT}
                selected={unit.id === selectedId}
                distress={inDistress.has(unit.id)}
                heardAgo={Number.isNaN(heard) ? null : formatAge(heard)}
              />
            );
          })}
        </ul>
      </div>
    </>
  );
}
