import { useTranslation } from "react-i18next";
import type { Lang } from "./config";

export function useLang(): Lang {
  return useTranslation().i18n.language as Lang;
}
