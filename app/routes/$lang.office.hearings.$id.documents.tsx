/** An official uploads and removes a hearing's documents (the one multipart form). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { env } from "~/modules/core/env.server";
import { addDocument, removeDocument } from "~/modules/hearings/commands.server";
import { DocumentsEditor } from "~/modules/hearings/edit/DocumentsEditor";
import { idField, intent, loadForEdit, runEditAction } from "~/modules/hearings/edit.server";
import { DomainError } from "~/modules/core/errors";
import { readUploadForm } from "~/modules/hearings/uploads.server";

export async function loader(args: LoaderFunctionArgs) {
  const { view } = await loadForEdit(args);
  return {
    id: view.hearing.id,
    documents: view.documents,
    editable: view.editable,
    maxMb: Math.round(env().UPLOAD_MAX_BYTES / 1024 / 1024),
  };
}

export const action = (args: ActionFunctionArgs) => {
  const maxBytes = env().UPLOAD_MAX_BYTES;
  return runEditAction(
    args,
    {
      upload: intent({
        run: async (c) => {
          const file = c.form.get("file");
          if (!(file instanceof File) || file.size === 0)
            throw new DomainError("hearings:upload.empty", {}, 400, "file");
          const data = new Uint8Array(await file.arrayBuffer());
          const title = String(c.form.get("title") ?? "");
          await addDocument(c.db, c.user, c.id, { name: file.name, data, title }, maxBytes);
        },
      }),
      removeDoc: intent({
        run: (c) => removeDocument(c.db, c.user, c.id, idField(c.form, "docId")),
      }),
    },
    { intent: "upload", form: (request) => readUploadForm(request, maxBytes) },
  );
};

export default function OfficeHearingDocuments() {
  return <DocumentsEditor {...useLoaderData<typeof loader>()} />;
}
