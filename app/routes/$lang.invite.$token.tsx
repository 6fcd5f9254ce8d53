import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { municipalityName } from "~/modules/places/queries.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button } from "~/components/ui";
import { acceptInvitation } from "~/modules/admin/commands.server";
import { findInvitation } from "~/modules/admin/queries.server";
import { getUser, requireUser } from "~/modules/auth/guards.server";
import { metaOf, tooMany } from "~/modules/auth/http.server";
import { getDb } from "~/modules/core/db.server";
import { refusal, type ActionReply } from "~/modules/core/reply.server";
import { useLang } from "~/modules/i18n/hooks";
import { pageMeta } from "~/modules/i18n/meta";
import { requireLang } from "~/modules/i18n/route.server";
import { giveBackAttempt, LIMITS, takeAttempt } from "~/modules/ratelimit/ratelimit.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "admin:invite.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const db = await getDb();
  const inv = await findInvitation(db, params.token ?? "");
  const user = await getUser(request);
  const path = new URL(request.url).pathname;
  if (!inv) return { invitation: null, signedIn: !!user, path };
  const municipality = (await municipalityName(db, inv.municipalityId, lang)) ?? "";
  return {
    invitation: {
      role: inv.role,
      municipality,
      expiresAt: inv.expiresAt,
    },
    signedIn: !!user,
    path,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const user = await requireUser(request);
  const db = await getDb();
  const meta = metaOf(request, context);
  // counted before the token is tried; a good token gives the attempt back
  const limited = await takeAttempt(db, LIMITS.inviteIp, meta.ip ?? "unknown");
  if (limited.limited) return tooMany(lang, limited);
  try {
    await acceptInvitation(db, params.token ?? "", user.id, meta);
  } catch (e) {
    return refusal(e, lang, undefined, {});
  }
  await giveBackAttempt(db, LIMITS.inviteIp, meta.ip ?? "unknown");
  return redirect(`/${lang}/account?invited=1`);
}

export default function Invite() {
  const { t } = useTranslation("admin");
  const lang = useLang();
  const { invitation, signedIn, path: here } = useLoaderData<typeof loader>();
  const res = useActionData<ActionReply>();
  return (
    <div className="auth-page">
      <h1>{t("invite.title")}</h1>
      {res?.errors?._form ? <Alert tone="error">{res.errors._form[0]}</Alert> : null}
      {!invitation ? (
        <Alert tone="error">{t("errors.invitationInvalid")}</Alert>
      ) : (
        <>
          <p>
            {t("invite.text", {
              role: t(`roles.${invitation.role}`),
              municipality: invitation.municipality,
            })}
          </p>
          {signedIn ? (
            <Form noValidate method="post">
              <Button>{t("invite.accept")}</Button>
            </Form>
          ) : (
            <InviteSignIn lang={lang} here={here} />
          )}
        </>
      )}
    </div>
  );
}

function InviteSignIn({ lang, here }: { lang: string; here: string }) {
  const { t } = useTranslation("admin");
  const back = encodeURIComponent(here);
  return (
    <p>
      {t("invite.signInFirst")}{" "}
      <Link to={`/${lang}/login${here ? `?redirectTo=${back}` : ""}`}>{t("invite.signIn")}</Link> ·{" "}
      <Link to={`/${lang}/register${here ? `?redirectTo=${back}` : ""}`}>
        {t("invite.register")}
      </Link>
    </p>
  );
}
