import { useTranslation } from "react-i18next";

/** A field people never see; bots fill it. */
export function Honeypot() {
  const { t } = useTranslation("auth");
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor="hp-website">{t("honeypot")}</label>
      <input
        id="hp-website"
        type="text"
        name="website"
        className="hp"
        tabIndex={-1}
        autoComplete="off"
        defaultValue=""
      />
    </div>
  );
}
