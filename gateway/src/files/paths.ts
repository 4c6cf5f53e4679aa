/** Where the gateway serves download tickets' files. */
export const FILES_PATH_PREFIX = "/files/";
