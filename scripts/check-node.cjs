// Every npm script runs this first: on a Node.js older than the project needs it stops with one
// line saying which version is needed and how to get it (Node 20, the default of many
// distributions, otherwise fails later with a crash and no message). Plain CommonJS with no modern
// syntax, so that it runs on any old Node.
/* global module, require, process, console */
"use strict";

var REQUIRED = [22, 12, 0];

/**
 * The one-line message for a Node version string like "20.19.2", or null when it is new enough.
 * @param {string} version process.versions.node
 * @returns {string | null}
 */
function nodeVersionProblem(version) {
  var have = String(version)
    .split(".")
    .map(function (x) {
      return parseInt(x, 10) || 0;
    });
  for (var i = 0; i < 3; i++) {
    if ((have[i] || 0) > REQUIRED[i]) return null;
    if ((have[i] || 0) < REQUIRED[i]) {
      return (
        "Jyiyn needs Node.js 22.12 or newer (24 LTS recommended, see .nvmrc); this is Node " +
        version +
        ". Get it with `nvm install` in this folder, or see README.md → Quick start."
      );
    }
  }
  return null;
}

module.exports = { nodeVersionProblem: nodeVersionProblem };

if (require.main === module) {
  var problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
