/** qTest `data_type` codes (API-NOTES B.5), named where the mapping chooses or reads them. */
export const DATA_TYPE = {
  textBox: 1,
  textArea: 2,
  comboBox: 3,
  datePicker: 4,
  userList: 5,
  richText: 6,
  number: 7,
  checkBox: 8,
  dateTimePicker: 9,
  url: 12,
  multiSelect: 17,
} as const;

/** Types whose values are allowed values of the field, so missing ones must be added. */
export function isPickList(dataType: number): boolean {
  return dataType === DATA_TYPE.comboBox || isMultiValued(dataType);
}

/** Types that hold several allowed values; their value is a JSON array of allowed value ids. */
export function isMultiValued(dataType: number): boolean {
  return dataType === DATA_TYPE.checkBox || dataType === DATA_TYPE.multiSelect;
}

/** Types that take free text, where a marker such as `Zephyr Key` can be stored and searched. */
export function isTextual(dataType: number): boolean {
  return dataType === DATA_TYPE.textBox || dataType === DATA_TYPE.textArea || dataType === DATA_TYPE.richText;
}
