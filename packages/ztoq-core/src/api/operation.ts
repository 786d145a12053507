/** One operation of a vendor API as its specification declares it (path is the template). */
export interface ApiOperation {
  readonly method: string;
  readonly path: string;
}
