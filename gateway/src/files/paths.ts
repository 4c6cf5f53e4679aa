import { FILES_PATH } from "@marugoto/shared/core";

/** Where the gateway serves download tickets' files: the path the subgraphs put in their links. */
export const FILES_PATH_PREFIX = FILES_PATH;
