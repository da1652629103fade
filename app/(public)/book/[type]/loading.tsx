import { PICKER_SPACE } from '@/components/booking/picker-space';
import { LoadingPanel } from '../../../_components/loading-panel';

export default function Loading() {
  return <LoadingPanel message="Finding open times…" className={PICKER_SPACE} />;
}
